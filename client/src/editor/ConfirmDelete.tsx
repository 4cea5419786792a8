/**
 * The editor's in-page confirmation before deleting an objective or key result (no native
 * confirm()): an inline alert dialog under the item, focus on the safe choice, Escape cancels.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';

interface Props {
  /** The item inside a sentence: "key result 1.2". */
  what: string;
  onConfirm: () => void;
  /** Closes the confirmation; the caller returns focus to where the deletion was asked for. */
  onCancel: () => void;
}

export function ConfirmDelete({ what, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('editor');
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onCancel();
  };
  return (
    <div className="confirm-delete" role="alertdialog" aria-labelledby={`${id}-text`} onKeyDown={onKeyDown} data-testid="confirm-delete">
      <p id={`${id}-text`} className="confirm-delete-text">
        {t('actions.confirmDelete', { what })}
      </p>
      <span className="confirm-delete-buttons">
        <button type="button" className="btn btn-danger confirm-delete-yes" onClick={onConfirm}>
          <Icon name="trash" /> {t('actions.deleteTitle')}
        </button>
        <button type="button" className="btn btn-secondary" ref={cancel} onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </span>
    </div>
  );
}
