// The editor's markdown toolbar: wrap the selection in the tool's marks (or put a line prefix at the line start),
// keep the selection on the wrapped text, and give the new text back to the server, which owns the value.
export function applyMarkdown(textarea, before, after, lineStart) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  let text, caretStart, caretEnd;
  if (lineStart) {
    const lineBegin = value.lastIndexOf("\n", start - 1) + 1;
    text = value.slice(0, lineBegin) + before + value.slice(lineBegin);
    caretStart = start + before.length;
    caretEnd = end + before.length;
  } else {
    text = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
    caretStart = start + before.length;
    caretEnd = end + before.length;
  }
  textarea.value = text;
  textarea.focus();
  textarea.setSelectionRange(caretStart, caretEnd);
  return text;
}

// Links clicked while the text is unsaved: the page's enhanced navigation does not pass through Blazor's
// NavigationLock, so the click is held here and the server asks (a dialog) before leaving.
let heldEditor = null;
function holdLinks(event) {
  const link = event.target.closest && event.target.closest("a[href]");
  if (!heldEditor || !link || link.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  event.stopPropagation();
  heldEditor.invokeMethodAsync("ConfirmLeaveAsync", link.href);
}
document.addEventListener("click", holdLinks, true);

export function guardLinks(editor, dirty) {
  heldEditor = dirty ? editor : null;
}
