// The scenarios `npm run torture` runs, in order.
import type { Scenario } from '../scenario.js';
import { deleteCreateRace } from './delete-create-race.js';
import { diskFull } from './disk-full.js';
import { hostileListsScenario } from './hostile-lists.js';
import { kill9 } from './kill-9.js';
import { lockDeleted } from './lock-deleted.js';
import { sameIdUpserts } from './same-id-upserts.js';
import { secondMock } from './second-mock.js';
import { sigterm } from './sigterm.js';
import { slowLoris } from './slow-loris.js';

export const scenarios: Scenario[] = [kill9, sigterm, sameIdUpserts, deleteCreateRace, slowLoris, hostileListsScenario, diskFull, secondMock, lockDeleted];
