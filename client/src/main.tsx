import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Announcer } from './a11y/Announcer';
import { keepFocus } from './a11y/focusKeeper';
import { App } from './App';
import { i18n, initialLanguage } from './i18n';
import './styles.css';

keepFocus(document);

// The reader's language first (English needs no wait), so the page does not flash another one.
void initialLanguage.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Announcer>
          <App />
        </Announcer>
      </I18nextProvider>
    </StrictMode>,
  ),
);
