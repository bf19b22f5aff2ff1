import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // the Docs pages (autodocs) are drawn by this addon; without it they stay blank
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
};

export default config;
