import { updateHandler } from '../../shared/resource/handlers/update-handler';
import { ITEMS } from './resource';

export const handler = updateHandler(ITEMS);
