/** The catalogue of one language, a JSON file per namespace. */
import commonNs from './common.json';
import createNs from './create.json';
import joinNs from './join.json';
import roomNs from './room.json';
import editorNs from './editor.json';
import consoleNs from './console.json';
import coachNs from './coach.json';
import coachingNs from './coaching.json';
import sheetNs from './sheet.json';
import liveNs from './live.json';
import errorsNs from './errors.json';

export default {
  common: commonNs,
  create: createNs,
  join: joinNs,
  room: roomNs,
  editor: editorNs,
  console: consoleNs,
  coach: coachNs,
  coaching: coachingNs,
  sheet: sheetNs,
  live: liveNs,
  errors: errorsNs,
};
