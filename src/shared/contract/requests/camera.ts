/** Camera requests: on, off, one snapshot. */
import { none } from '../../schema.js';
import type { CameraState, Detection } from '../vision.js';
import { request, returns } from './declare.js';

export const cameraRequests = {
  startCamera: request(none, returns<CameraState>(), ['camera', 'frame', 'mood']),
  stopCamera: request(none, returns<CameraState>(), ['camera']),
  /** One frame: turns the camera on if it is off, and off again afterwards. */
  snapshot: request(none, returns<Detection>(), ['camera', 'frame', 'mood']),
};
