import { Icon } from '../components/Icon';
import { useTranslation } from 'react-i18next';
import { Shell } from '../components/Shell';

/**
 * `gone`: the workshop ended or expired (a participant's view); `ended`: the same, on the
 * facilitator's console; `notFound`: no page here; `badKey`: a facilitator link that is not valid.
 */
export function GonePage({ kind = 'gone' }: { kind?: 'gone' | 'ended' | 'notFound' | 'badKey' }) {
  const { t } = useTranslation();
  const which = kind;
  return (
    <Shell>
      <section className="card narrow center" data-testid="gone">
        <div className="gone-icon" aria-hidden="true"><Icon name="hourglass" size={40} /></div>
        <h1>{t(`${which}.title`)}</h1>
        <p className="muted">{t(`${which}.message`)}</p>
        <a className="btn btn-secondary" href="/">
          {t('gone.create')}
        </a>
      </section>
    </Shell>
  );
}
