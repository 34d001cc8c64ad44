// Calls of reporting-service's API with the signed-in user's bearer token (same origin as the page).
import {accessToken} from './auth.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let lastAnswerAt = null;

async function call(path, accept) {
  const answer = await fetch(path, {headers: {Authorization: 'Bearer ' + accessToken(), Accept: accept}});
  if (!answer.ok) {
    let detail = '';
    try {
      detail = (await answer.json()).detail || '';
    } catch (e) {
      detail = '';
    }
    throw new Error('接口返回 ' + answer.status + (detail ? '：' + detail : ''));
  }
  lastAnswerAt = new Date();
  return answer;
}

export async function json(path) {
  return (await call(path, 'application/json')).json();
}

export async function text(path) {
  return (await call(path, 'text/plain')).text();
}

/** Downloads a report endpoint's own CSV or xlsx answer as a file. */
export async function download(path, accept, fileName) {
  const blob = await (await call(path, accept)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

export function answeredAt() {
  return lastAnswerAt;
}
