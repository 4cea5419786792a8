import { Shell } from '../components/Shell';

export function GonePage({ title, message }: { title?: string; message?: string }) {
  return (
    <Shell>
      <section className="card narrow center" data-testid="gone">
        <div className="gone-icon" aria-hidden="true">⌛</div>
        <h1>{title ?? 'This workshop no longer exists'}</h1>
        <p className="muted">
          {message ??
            'It may have ended, been deleted by its facilitator, or expired after a period without activity. Ask your facilitator for a new link.'}
        </p>
        <a className="btn btn-secondary" href="/">
          Create a new workshop
        </a>
      </section>
    </Shell>
  );
}
