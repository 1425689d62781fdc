// The analyzer page's only script: save a text the server composed, copy evidence, print.
export function download(fileName, mediaType, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function copy(text) {
  return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
}

export function print() {
  // Open every evidence block so that the printout carries the raw values too.
  document.querySelectorAll(".report details").forEach(d => d.open = true);
  window.print();
}
