import { fakeSession, faults, type Handler, json, stubFetch } from '../widgets/testing/fake-api.ts';

/**
 * Stories need no live API: each story answers the widget's requests from fixtures through a
 * stubbed fetch, installed before the story renders and removed after it.
 */
export const withApi = (handler: Handler) => () => stubFetch(handler).restore;

/** The API never answers: the loading state. */
export const pending: Handler = () => new Promise<Response>(() => {});

/** The API is down: the error state, with its retry button. */
export const failing: Handler = faults['API 500']!;

/** The same answer for every path. */
export const always =
  (body: unknown): Handler =>
  () =>
    json(body);

/** The host page's `fetchSession`: an embed session the stubbed API accepts. */
export const storySession = fakeSession('ews_story_session');

/** A host page whose server gives no session (signed out, or down): the error state. */
export const noSession = () => Promise.reject(new Error('no session'));

/** Where stories point api-base; the stub answers before anything leaves the page. */
export const STORY_API = 'https://api.example.test';
