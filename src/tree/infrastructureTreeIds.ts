/** The id of the sidebar view, as contributed in package.json (the activation entry creates the view). */
export const INFRASTRUCTURE_VIEW_ID = 'asrFailback.infrastructure';
