/**
 * The workshops created on this device, so a facilitator finds their console again without the
 * bookmark: id, title, the facilitator link and when. Kept in this browser's localStorage only
 * (the link is a capability: it never leaves the device), at most MAX_REMEMBERED, newest first.
 */

const KEY = 'draftroom:my-workshops';
export const MAX_REMEMBERED = 20;

export interface MyWorkshop {
  id: string;
  title: string;
  facilitatorUrl: string;
  createdAt: number;
}

function valid(x: unknown): x is MyWorkshop {
  const w = x as Partial<MyWorkshop> | null;
  return !!w && typeof w.id === 'string' && typeof w.title === 'string' && typeof w.facilitatorUrl === 'string' && typeof w.createdAt === 'number';
}

export function myWorkshops(): MyWorkshop[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter(valid) : [];
  } catch {
    return [];
  }
}

function save(list: MyWorkshop[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX_REMEMBERED)));
  } catch {
    // Private mode without storage: nothing is remembered.
  }
}

export function rememberWorkshop(w: MyWorkshop): void {
  save([w, ...myWorkshops().filter((x) => x.id !== w.id)]);
}

export function forgetWorkshop(id: string): void {
  save(myWorkshops().filter((x) => x.id !== id));
}

