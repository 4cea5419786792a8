/**
 * An item's overflow menu (move, delete, more fields): a menu button (aria-expanded, aria-controls)
 * and a labelled menu, run from the keyboard the WAI-ARIA way: Enter, Space or the arrows open it
 * on the first (or last) item, the arrows, Home and End move, Escape closes it and returns focus to
 * the button, Tab closes it and moves on.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Icon, type IconName } from '../components/Icon';

export interface MenuItem {
  key: string;
  label: string;
  icon: IconName;
  onSelect: () => void;
  /** Shown on phones only (e.g. "More fields", which sits beside the fields on wider screens). */
  phoneOnly?: boolean;
  danger?: boolean;
}

interface Props {
  /** The button's accessible name, e.g. "Actions for key result 1.2"; the menu is labelled by the button. */
  label: string;
  items: MenuItem[];
  buttonRef?: RefObject<HTMLButtonElement | null>;
}

/** The menu's items that show (phone-only ones are hidden on wide screens). */
const shown = (menu: HTMLElement | null): HTMLElement[] =>
  menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')].filter((el) => el.getClientRects().length > 0) : [];

export function ItemMenu({ label, items, buttonRef }: Props) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const menu = useRef<HTMLUListElement>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const all = shown(menu.current);
    (open === 'last' ? all[all.length - 1] : all[0])?.focus();
    // A click or tap elsewhere closes the menu (focus goes where the pointer put it).
    const onPointerDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const all = shown(menu.current);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(all.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        // Focus moves on from the menu button, as if the menu were not there.
        button.current?.focus();
        setOpen(false);
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <span className="item-menu" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="icon-btn item-menu-button"
        id={`${id}-button`}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
        data-testid="item-menu-button"
      >
        <Icon name="more" size={18} />
      </button>
      {open && (
        <ul className="item-menu-list" role="menu" id={`${id}-menu`} aria-labelledby={`${id}-button`} ref={menu} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.key} role="none" className={item.phoneOnly ? 'phone-only' : undefined}>
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={item.danger ? 'item-menu-item danger' : 'item-menu-item'}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                <Icon name={item.icon} /> {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
