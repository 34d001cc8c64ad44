// The dashboard's shell: sign-in, the hash router (the token is in memory, so pages change without reloading), the
// navigation and the freshness line.
import {signIn, signOut, userName} from './auth.js';
import {json} from './api.js';
import {esc} from './view.js';
import {showStatement} from './pages/statement.js';
import {showProjects} from './pages/projects.js';
import {showProject} from './pages/project.js';
import {showCadres} from './pages/cadres.js';
import {showAgenda} from './pages/agenda.js';

const PAGES = {statement: showStatement, projects: showProjects, project: showProject, cadres: showCadres,
  agenda: showAgenda};

function route() {
  const [path, query] = (location.hash.replace(/^#\/?/, '') || 'statement').split('?');
  const [name, id] = path.split('/');
  return {name: PAGES[name] ? name : 'statement', id: id ? decodeURIComponent(id) : null,
    params: new URLSearchParams(query || '')};
}

async function show() {
  const {name, id, params} = route();
  const page = document.getElementById('page');
  document.querySelectorAll('[data-nav]').forEach(link => {
    const current = link.dataset.nav === name || (name === 'project' && link.dataset.nav === 'projects');
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  page.setAttribute('aria-busy', 'true');
  page.innerHTML = '<p class="loading">加载中…</p>';
  try {
    await PAGES[name](page, params, id);
  } catch (error) {
    // escaped: an answer's detail can echo what a link put in the query (a region code, say)
    page.innerHTML = `<p class="error" role="alert">${esc(error.message)}</p>`;
  }
  page.setAttribute('aria-busy', 'false');
  page.dataset.shown = name;
  refreshFreshness();
}

async function refreshFreshness() {
  const line = document.getElementById('freshness');
  try {
    const fresh = await json('api/freshness');
    const at = fresh.lastAppliedAt ? new Date(fresh.lastAppliedAt).toLocaleString('zh-CN', {hour12: false}) : '尚无';
    line.textContent = '读模型最近更新：' + at + (fresh.behind ? `；报表正在追赶，尚有 ${fresh.behindRecords} 条事件未处理`
      : '；已是最新');
    line.classList.toggle('behind', fresh.behind);
  } catch (error) {
    line.textContent = '无法获取读模型更新时间：' + error.message;
  }
}

async function start() {
  await signIn();
  document.getElementById('user-name').textContent = '当前用户：' + userName();
  const out = document.getElementById('sign-out');
  out.hidden = false;
  out.addEventListener('click', signOut);
  addEventListener('hashchange', show);
  await show();
}

start().catch(error => {
  document.getElementById('page').innerHTML = `<p class="error" role="alert">${esc(error.message)}</p>`;
});
