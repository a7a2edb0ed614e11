import { dispositionRow } from '../ingest/builtin-dispositions.js';

export {
  dispositionRow,
  GENERIC_DISPOSITIONS,
  VICIDIAL_DISPOSITIONS,
} from '../ingest/builtin-dispositions.js';

/** The simulated floor's own campaign override: on INSURE a transfer to a licensed closer is the win. */
export const SIM_CAMPAIGN_DISPOSITIONS = [
  dispositionRow('XFER', 'Transferred to licensed closer', ['win', 'completed'], 'INSURE'),
];
