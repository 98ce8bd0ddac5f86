import { deleteHandler } from '../../shared/resource/handlers/delete-handler';
import { ITEMS } from './resource';

export const handler = deleteHandler(ITEMS);
