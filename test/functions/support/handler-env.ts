/**
 * Import for its side effect, first, before any handler: Logger and Metrics read their settings when
 * their module loads. (Biome keeps a bare import in place, so import sorting cannot move it.)
 */
import { setHandlerEnv } from './local-table';

setHandlerEnv();
