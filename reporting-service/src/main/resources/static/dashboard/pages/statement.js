// The joint office's monthly statement: its sentence, the tiles, the year's cumulative completed investment against
// the annual plan month by month, and the figures by sector and by platform, each linked to the projects behind it.
import {json, text} from '../api.js';
import {chart, esc, exportButtons, percent, table, wireExports, yi} from '../view.js';

const YEARS = [2022, 2023, 2024, 2025, 2026];

function month(value) {
  return String(value).padStart(2, '0');
}

function projectsLink(year, filter, count) {
  return `<a href="#/projects?year=${year}${filter}" aria-label="查看这${count}个项目">${count}</a>`;
}

function rows(figures, year, key) {
  return figures.map(f => [
    esc(f.name),
    projectsLink(year, f.key ? `&${key}=${f.key}` : '', f.projects),
    esc(f.started), esc(f.completed), esc(f.annualPlanYi), esc(f.completedInYearYi), esc(percent(f.completionRate))
  ]);
}

const HEADERS = ['名称', '项目数', '已开工', '已竣工', '年度计划（亿元）', '年内完成（亿元）', '完成率'];

export async function showStatement(page, params) {
  const year = Number(params.get('year')) || 2023;
  const upTo = Number(params.get('month')) || 12;
  const asOf = `${year}-${month(upTo)}`;
  const [sentence, report] = await Promise.all([
    text(`/api/v1/reports/portfolio/statement?year=${year}&asOf=${asOf}`),
    json(`/api/v1/reports/portfolio?year=${year}&asOf=${asOf}`)]);
  const monthly = await Promise.all(Array.from({length: upTo}, (_, i) =>
    json(`/api/v1/reports/portfolio?year=${year}&asOf=${year}-${month(i + 1)}`)));
  const t = report.total;
  page.innerHTML = `
    <h2>${year} 年重大项目月度通报（截至 ${esc(report.asOf)}）</h2>
    <form class="filters no-print" id="statement-form">
      <label>年度 <select name="year">${YEARS.map(y => `<option${y === year ? ' selected' : ''}>${y}</option>`).join('')}</select></label>
      <label>截至月份 <select name="month">${Array.from({length: 12}, (_, i) => i + 1)
        .map(m => `<option value="${m}"${m === upTo ? ' selected' : ''}>${m} 月</option>`).join('')}</select></label>
      <button type="submit">查看</button>
      <button type="button" id="print">打印（A4）</button>
    </form>
    <blockquote class="sentence" id="sentence">${esc(sentence.trim())}</blockquote>
    <section class="tiles" aria-label="主要指标">
      <a class="tile" href="#/projects?year=${year}" data-figure="projects"><span>纳入清单项目</span><strong>${t.projects}</strong></a>
      <a class="tile" href="#/projects?year=${year}&startedBy=${asOf}" data-figure="started"><span>已开工</span><strong>${t.started}</strong></a>
      <a class="tile" href="#/projects?year=${year}&completedBy=${asOf}" data-figure="completed"><span>已竣工</span><strong>${t.completed}</strong></a>
      <div class="tile" data-figure="completionRate"><span>年度投资完成率</span><strong>${percent(t.completionRate)}</strong></div>
      <div class="tile" data-figure="pointsOverTarget"><span>超目标（百分点）</span><strong>${t.pointsOverTarget ?? '—'}</strong></div>
    </section>
    <section class="card"><h3>累计完成投资与年度计划（亿元）</h3>
      <div class="chart" id="cumulative-chart" role="img" aria-label="${year} 年各月累计完成投资与年度计划对比图"></div></section>
    <section class="card"><h3>按领域</h3>${table('按领域统计', HEADERS, rows(report.bySector, year, 'sector'), 'by-sector')}</section>
    <section class="card"><h3>按合作平台</h3>${table('按合作平台统计', HEADERS, rows(report.byPlatform, year, 'platform'), 'by-platform')}</section>
    ${exportButtons(`/api/v1/reports/portfolio?year=${year}&asOf=${asOf}`, `portfolio-${asOf}`)}`;
  chart(page.querySelector('#cumulative-chart'), {
    tooltip: {trigger: 'axis'},
    legend: {data: ['累计完成投资', '年度计划']},
    grid: {left: 60, right: 20, top: 40, bottom: 30},
    xAxis: {type: 'category', data: monthly.map(m => m.asOf.substring(5) + '月')},
    yAxis: {type: 'value', name: '亿元'},
    series: [
      {name: '累计完成投资', type: 'bar', data: monthly.map(m => Number(m.total.completedInYearYi))},
      {name: '年度计划', type: 'line', data: monthly.map(m => Number(m.total.annualPlanYi))}]
  });
  page.querySelector('#statement-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = new FormData(event.target);
    location.hash = `#/statement?year=${form.get('year')}&month=${form.get('month')}`;
  });
  page.querySelector('#print').addEventListener('click', () => print());
  wireExports(page);
}
