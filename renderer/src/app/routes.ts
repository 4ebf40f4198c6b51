// Where the user is, kept in the URL hash so a reload returns to the same place.
export type Route =
  | { name: 'library' }
  | { name: 'trash' }
  | { name: 'settings' }
  | { name: 'admin' }
  | { name: 'desk' }
  | { name: 'story'; id: string }
  | { name: 'queue'; queue: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const story = /^\/story\/([0-9a-f-]{36})$/.exec(path);
  if (story) return { name: 'story', id: story[1]! };
  const queue = /^\/queue\/([A-Za-z]{1,40})$/.exec(path);
  if (queue) return { name: 'queue', queue: queue[1]! };
  if (path === '/trash') return { name: 'trash' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/desk') return { name: 'desk' };
  return { name: 'library' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'story':
      return `#/story/${route.id}`;
    case 'library':
      return '#/';
    case 'queue':
      return `#/queue/${route.queue}`;
    default:
      return `#/${route.name}`;
  }
}
