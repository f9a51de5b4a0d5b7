/**
 * The session bundle (dist/session.js): the sign-in, the services, the tree and the command handlers, loaded the first
 * time the view lists or a command runs (src/sessionLoader.ts), so that activation loads only the small entry.
 */
export { startSession, type Session, type SessionHost } from './extensionSession';
