/** Renderer entry: picks the transport (IPC in Electron, HTTP in a browser) and mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { App } from './app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App api={createApi()} />
  </StrictMode>,
);
