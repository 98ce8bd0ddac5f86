import { createHandler } from '../../shared/resource/handlers/create-handler';
import { ITEMS } from './resource';

export const handler = createHandler(ITEMS);
