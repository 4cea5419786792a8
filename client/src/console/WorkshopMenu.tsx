/**
 * The console's workshop menu: a drawer (a modal dialog, labelled by its heading; Escape or Close
 * shuts it and focus returns to its button) with what is set up once and rarely touched: the two
 * links, the workshop's language, the OKR rules, the quick comments, and — apart, in red — ending
 * and deleting the workshop.
 */
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages';
import type { FacilitatorView } from '../../../shared/views';
import { CopyField } from '../components/CopyField';
import { QrCode } from '../components/QrCode';
import { trapTab, useConfirm, useModalDialog } from '../components/ConfirmDialog';
import { StateIcon } from './GroupState';
import { QuickCommentsEditor, RulesEditor, type Act } from './SessionControls';

interface Props {
  open: boolean;
  onClose: () => void;
  view: FacilitatorView;
  act: Act;
  facilitatorKey: string;
}

export function WorkshopMenu({ open, onClose, view, act, facilitatorKey }: Props) {
  const { t } = useTranslation('console');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [confirmDialog, confirm] = useConfirm();
  useModalDialog(ref, open, onClose, { returnFocus: () => document.querySelector<HTMLElement>('[data-testid="workshop-menu"]') });
  const { meta } = view;
  const remove = async () => {
    const ok = await confirm({ title: t('delete.title'), message: t('delete.message'), confirmLabel: t('delete.button'), cancelLabel: t('confirm.cancel'), danger: true });
    if (ok) await act('workshop:delete', {});
  };
  return (
    <dialog ref={ref} className="cockpit-drawer" aria-labelledby={titleId} onKeyDown={trapTab} data-testid="workshop-drawer">
      {open && (
        <>
          <header className="cockpit-drawer-head">
            <h2 id={titleId}>{t('menu.title')}</h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label={t('menu.close')} data-testid="drawer-close">
              <StateIcon name="close" size={18} />
            </button>
          </header>
          <section className="cockpit-drawer-section" aria-labelledby={`${titleId}-links`}>
            <h3 id={`${titleId}-links`}>{t('menu.links')}</h3>
            <CopyField label={t('links.participant')} value={`${location.origin}/w/${meta.id}`} testId="console-join-url" />
            <QrCode value={`${location.origin}/w/${meta.id}`} label={t('links.qr')} size={140} />
            <CopyField label={t('links.facilitator')} value={`${location.origin}/w/${meta.id}/facilitate#key=${facilitatorKey}`} masked testId="console-fac-url" />
          </section>
          <section className="cockpit-drawer-section" aria-labelledby={`${titleId}-setup`}>
            <h3 id={`${titleId}-setup`}>{t('menu.setup')}</h3>
            <WorkshopLanguage language={meta.language} onSet={(language) => act('language:set', { language })} />
            <RulesEditor view={view} act={act} />
            <QuickCommentsEditor view={view} act={act} />
          </section>
          <section className="cockpit-drawer-section cockpit-danger-zone" aria-labelledby={`${titleId}-danger`}>
            <h3 id={`${titleId}-danger`}>{t('menu.danger')}</h3>
            <p className="small">{t('delete.message')}</p>
            <button type="button" className="btn btn-danger-solid" onClick={remove} data-testid="delete-workshop">
              {t('delete.button')}
            </button>
          </section>
          {confirmDialog}
        </>
      )}
    </dialog>
  );
}

/** The workshop's language: the default for participants who did not pick their own, and the export's. */
function WorkshopLanguage({ language, onSet }: { language: Language; onSet: (language: Language) => void }) {
  const { t } = useTranslation('console');
  const id = useId();
  return (
    <div className="inline-field workshop-language">
      <label className="small" htmlFor={id}>
        <strong>{t('language.label')}</strong>
      </label>
      <select id={id} value={language} onChange={(e) => isLanguage(e.target.value) && onSet(e.target.value)} data-testid="console-language" aria-describedby={`${id}-hint`}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <span className="muted small" id={`${id}-hint`}>
        {t('language.hint')}
      </span>
    </div>
  );
}
