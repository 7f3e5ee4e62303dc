import { render } from 'preact';

render(<p>postshow</p>, document.getElementById('app')!);
