// The lines a person typed, for Up and Down to bring back into the line, as a terminal does.
const KEPT = 100;

/**
 * Sends what is typed in the form's line (not blank) to say, and keeps it, newest last.
 * @param form the form the line is sent with
 * @param line its input
 * @param say told each line typed
 */
export function sendAndRecall(form, line, say) {
  const typed = { lines: [], at: 0 };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = line.value;
    if (text.trim()) {
      say(text);
      typed.lines.push(text);
      if (typed.lines.length > KEPT) {
        typed.lines.shift();
      }
    }
    typed.at = typed.lines.length;
    line.value = '';
  });
  line.addEventListener('keydown', (event) => {
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const next = typed.at + (event.key === 'ArrowUp' ? -1 : 1);
    if (next < 0 || next > typed.lines.length) {
      return;
    }
    event.preventDefault();
    typed.at = next;
    line.value = next === typed.lines.length ? '' : typed.lines[next];
  });
}
