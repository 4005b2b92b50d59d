import './lib/csp-safe-zod';
import './styles/global.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { createApiClient, selectTransport } from './lib/api';
import { desktopPathImporter } from './lib/import/desktop-import';
import { AppState } from './lib/state/app.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = new AppState(createApiClient(selectTransport()), desktopPathImporter(window.reelsmith));
app.start();

// Files dropped anywhere but a drop zone would make the window navigate away to the file.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

export default mount(App, { target, props: { app } });
