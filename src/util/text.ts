// Cutting text for one-line messages: at most `max` characters, an ellipsis marking the cut.
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
