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
