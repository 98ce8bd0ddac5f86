import { getHandler } from '../../shared/resource/handlers/get-handler';
import { ITEMS } from './resource';

export const handler = getHandler(ITEMS);
