// The admin screen's calls: passed to the newsroom server on the signed-in
// session. The server decides who may do what (administrators only); the
// host only carries the request and turns refusals into contract errors.
import type { Handlers } from '../host/handlers';
import type { SyncService } from '../sync/sync-service';

type AdminCall =
  | 'admin.directory'
  | 'admin.createUser'
  | 'admin.updateUser'
  | 'admin.setPassword'
  | 'admin.createDesk'
  | 'admin.addMember'
  | 'admin.removeMember';

export function adminHandlers(sync: SyncService): Pick<Handlers, AdminCall> {
  return {
    'admin.directory': () => sync.withServer((c) => c.adminDirectory()),
    'admin.createUser': (input) => sync.withServer((c) => c.createUser(input)),
    'admin.updateUser': async ({ userId, change }) => {
      await sync.withServer((c) => c.updateUser(userId, change));
      return {};
    },
    'admin.setPassword': async ({ userId, password }) => {
      await sync.withServer((c) => c.setPassword(userId, password));
      return {};
    },
    'admin.createDesk': (input) => sync.withServer((c) => c.createDesk(input)),
    'admin.addMember': async ({ deskId, userId }) => {
      await sync.withServer((c) => c.addDeskMembers(deskId, [userId]));
      return {};
    },
    'admin.removeMember': async ({ deskId, userId }) => {
      await sync.withServer((c) => c.removeDeskMember(deskId, userId));
      return {};
    },
  };
}
