/** ⓘ with a metric's definition on hover and focus; plain text, so a stored name can never become markup. */
export function InfoTip({ text }: { text: string }) {
  if (!text) return null;
  return (
    <span class="info" tabIndex={0} aria-label={text} data-definition={text}>
      <span class="info-i" aria-hidden="true">
        i
      </span>
      <span class="info-pop" role="tooltip">
        {text}
      </span>
    </span>
  );
}
