import { listHandler } from '../../shared/resource/handlers/list-handler';
import { ITEMS } from './resource';

export const handler = listHandler(ITEMS);
