// The projects on the read model, with the API's filters (year, sector, platform, region, status) and a search by
// name over the answer (the API has no name filter; one page of up to 500 holds a year's 160 to 250 projects).
// startedBy / completedBy (a month, YYYY-MM) keep the projects started / completed by that month's end: the
// statement's tiles count so, whatever a project's status is now (a completed project was started too).
import {json} from '../api.js';
import {nameOf, PLATFORMS, SECTORS, STATUSES} from '../names.js';
import {esc, options, table, yi} from '../view.js';

const FILTERS = ['year', 'sector', 'platform', 'region', 'status'];

export async function showProjects(page, params) {
  const query = new URLSearchParams();
  FILTERS.forEach(f => params.get(f) && query.set(f, params.get(f)));
  query.set('size', '500');
  const answer = await json('/api/v1/projects?' + query);
  const search = (params.get('q') || '').trim();
  const startedBy = params.get('startedBy');
  const completedBy = params.get('completedBy');
  // ISO dates compare as text; day 31 is after the last day of any month
  const by = (date, month) => !month || (date && date <= `${month}-31`);
  const shown = answer.items.filter(p => (!search || p.name.includes(search))
    && by(p.startedOn, startedBy) && by(p.completedOn, completedBy));
  page.innerHTML = `
    <h2>重大项目</h2>
    <form class="filters" id="project-filters">
      <label>年度 <input name="year" type="number" min="2000" max="2100" value="${esc(params.get('year') || '')}"></label>
      <label>领域 <select name="sector">${options(SECTORS, params.get('sector'), '全部领域')}</select></label>
      <label>合作平台 <select name="platform">${options(PLATFORMS, params.get('platform'), '全部平台')}</select></label>
      <label>区域代码 <input name="region" value="${esc(params.get('region') || '')}"></label>
      <label>状态 <select name="status">${options(STATUSES, params.get('status'), '全部状态')}</select></label>
      <label>项目名称 <input name="q" type="search" value="${esc(search)}"></label>
      <button type="submit">筛选</button>
    </form>
    <p id="project-count">共 <strong>${shown.length}</strong> 个项目${search ? `（名称含“${esc(search)}”）` : ''}${
      startedBy ? `（截至 ${esc(startedBy)} 已开工）` : ''}${completedBy ? `（截至 ${esc(completedBy)} 已竣工）` : ''}</p>
    ${table('项目列表', ['项目名称', '领域', '合作平台', '状态', '总投资（亿元）', '累计完成（亿元）'], shown.map(p => [
      `<a href="#/project/${encodeURIComponent(p.id)}">${esc(p.name)}</a>`, esc(nameOf(SECTORS, p.sector)),
      esc(nameOf(PLATFORMS, p.platform)), esc(nameOf(STATUSES, p.status)),
      esc(p.totalInvestmentYi ?? yi(p.totalInvestmentYuan)), esc(p.investedToDateYi)]), 'projects')}`;
  page.querySelector('#project-filters').addEventListener('submit', event => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    new FormData(event.target).forEach((value, key) => value && chosen.set(key, value));
    location.hash = '#/projects?' + chosen;
  });
}
