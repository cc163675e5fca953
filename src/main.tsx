import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { UpdateNotice } from './components/UpdateNotice';
import './styles/base.css';
import './styles/controls.css';
import './styles/panels.css';
import './styles/tables.css';
import './styles/inside.css';
import './styles/explain.css';
import './styles/classroom.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary region="The page">
      <App />
    </ErrorBoundary>
    <ErrorBoundary region="The update notice">
      <UpdateNotice />
    </ErrorBoundary>
  </StrictMode>,
);
