import '../support/handler-env';
import { handler as create } from '../../../functions/handlers/items/create';
import { handler as remove } from '../../../functions/handlers/items/delete';
import { handler as get } from '../../../functions/handlers/items/get';
import { handler as list } from '../../../functions/handlers/items/list';
import { ITEMS } from '../../../functions/handlers/items/resource';
import { handler as update } from '../../../functions/handlers/items/update';
import { describeOwnedResource } from './owned-resource-suite';

describeOwnedResource({
  resource: ITEMS,
  handlers: { create, list, get, update, delete: remove },
  sample: { name: 'first', description: 'one', tags: ['a'] },
  other: { name: 'second' },
});
