import '../support/handler-env';
import { NOTES_UNDER_TEST } from './notes-handlers';
import { describeOwnedResource } from './owned-resource-suite';

describeOwnedResource(NOTES_UNDER_TEST);
