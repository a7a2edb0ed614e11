import { Page } from '../components/Page';
import { linkClick } from '../router';

export function NotFound() {
  return (
    <Page name="not-found" state="error" title="Page not found">
      <div class="state-box">
        <div class="state-icon" aria-hidden="true">
          ?
        </div>
        <h2>There is no page at this address</h2>
        <p>
          <a href="/" onClick={(e) => linkClick(e, '/')}>
            Go to the executive overview
          </a>
        </p>
      </div>
    </Page>
  );
}
