// The QA console's entry: mounts the app into the page /__admin/console serves.
import { render } from 'preact';
import { App } from './app.js';
import './console.css';

render(<App />, document.getElementById('console') as HTMLElement);
