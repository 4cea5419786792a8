/**
 * Focus is never dropped on the floor: when the focused control leaves the page (a hint dismissed,
 * Start turning into Pause, a key result deleted by someone else, the radar giving way to a group),
 * focus moves to what now stands where it stood, instead of falling back to <body> and sending a
 * keyboard user back to the top of the page. A focused control that was only moved keeps focus.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Previous siblings remembered per level (a whole block may be swapped, its neighbours with it). */
const SIBLINGS = 4;

interface Level {
  node: Element;
  before: Element[];
}

/** The focused element and each of its ancestors, with the siblings just before each. */
function pathOf(el: Element): Level[] {
  const path: Level[] = [];
  for (let node: Element | null = el; node && node !== node.ownerDocument.body; node = node.parentElement) {
    const before: Element[] = [];
    for (let s = node.previousElementSibling; s && before.length < SIBLINGS; s = s.previousElementSibling) before.push(s);
    path.push({ node, before });
  }
  return path;
}

/** Where focus goes when the element of `path` left: the first control after its nearest surviving neighbour. */
function replacement(root: Document, path: Level[]): HTMLElement | undefined {
  const gone = path.findIndex((level, i) => !level.node.isConnected && (path[i + 1]?.node.isConnected ?? true));
  if (gone < 0) return undefined;
  const parent = path[gone + 1]?.node ?? root.body;
  const anchor = path[gone]!.before.find((s) => s.isConnected && s.parentElement === parent);
  const all = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  return anchor
    ? all.find((el) => !anchor.contains(el) && anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
    : all.find((el) => parent.contains(el) || parent.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** Watches `root` for a focused element that leaves it; returns the function that stops watching. */
export function keepFocus(root: Document): () => void {
  let path: Level[] | null = null;
  const onFocusIn = (e: FocusEvent) => {
    path = e.target instanceof Element ? pathOf(e.target) : null;
  };
  // A pointer puts focus where it wants (a click on the page's background is not a loss).
  const onPointerDown = () => {
    path = null;
  };
  const rescue = () => {
    if (!path || (root.activeElement && root.activeElement !== root.body)) return;
    const el = path[0]!.node;
    // Still here but blurred: it was moved (React reorders keyed lists, e.g. the radar re-sorting).
    if (el.isConnected) {
      if (el instanceof HTMLElement) el.focus();
      return;
    }
    const lost = path;
    path = null;
    replacement(root, lost)?.focus();
  };
  root.addEventListener('focusin', onFocusIn, true);
  root.addEventListener('pointerdown', onPointerDown, true);
  // Called after each DOM change (a microtask after React's commit): the replacement is in place.
  const observer = new MutationObserver(rescue);
  observer.observe(root.body, { childList: true, subtree: true });
  return () => {
    root.removeEventListener('focusin', onFocusIn, true);
    root.removeEventListener('pointerdown', onPointerDown, true);
    observer.disconnect();
  };
}
