/** Seat tokens live in localStorage, per workshop, so a reload brings back the same person. */
const seatKey = (workshopId: string) => `draftroom:seat:${workshopId}`;

export function loadSeat(workshopId: string): string | null {
  try {
    return localStorage.getItem(seatKey(workshopId));
  } catch {
    return null;
  }
}

export function saveSeat(workshopId: string, token: string): void {
  try {
    localStorage.setItem(seatKey(workshopId), token);
  } catch {
    // Private mode without storage: the seat link still works.
  }
}

export function forgetSeat(workshopId: string): void {
  try {
    localStorage.removeItem(seatKey(workshopId));
  } catch {
    // nothing to forget
  }
}
