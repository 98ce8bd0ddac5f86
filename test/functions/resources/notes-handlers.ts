import { createHandler } from '../../../functions/shared/resource/handlers/create-handler';
import { deleteHandler } from '../../../functions/shared/resource/handlers/delete-handler';
import { getHandler } from '../../../functions/shared/resource/handlers/get-handler';
import { listHandler } from '../../../functions/shared/resource/handlers/list-handler';
import { updateHandler } from '../../../functions/shared/resource/handlers/update-handler';
import { NOTES } from './notes';
import type { ResourceUnderTest } from './resource-client';

/** The test-only `notes` resource, served by the generic handlers exactly as a real resource's files do. */
export const NOTES_UNDER_TEST: ResourceUnderTest = {
  resource: NOTES,
  handlers: {
    create: createHandler(NOTES),
    list: listHandler(NOTES),
    get: getHandler(NOTES),
    update: updateHandler(NOTES),
    delete: deleteHandler(NOTES),
  },
  sample: { text: 'remember the milk', pinned: true },
  other: { text: 'done' },
};
