import { Page } from './Page';

/** A page the role may not open (someone followed a shared link): said plainly, not an error. */
export function Forbidden({ page, label }: { page: string; label: string }) {
  return (
    <Page name={page} state="error" title={label}>
      <div class="state-box" data-forbidden>
        <div class="state-icon" aria-hidden="true">
          ⊘
        </div>
        <h2>Not available for your role</h2>
        <p class="muted">
          This page shows figures of the whole operation; your sign-in gives you your own figures only.
        </p>
      </div>
    </Page>
  );
}
