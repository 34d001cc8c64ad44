// One project: its state, plans, monthly investment as a chart, milestones, and the timeline of its events with who
// caused each and when.
import {json} from '../api.js';
import {nameOf, PLATFORMS, SECTORS, STATUSES} from '../names.js';
import {chart, esc, table, yi} from '../view.js';

function when(instant) {
  return instant ? new Date(instant).toLocaleString('zh-CN', {hour12: false}) : '—';
}

export async function showProject(page, params, id) {
  const path = '/api/v1/projects/' + encodeURIComponent(id);
  const [p, timeline] = await Promise.all([json(path), json(path + '/timeline?size=500')]);
  page.innerHTML = `
    <p><a href="#/projects">← 返回项目列表</a></p>
    <h2 id="project-name">${esc(p.name)}</h2>
    <dl class="facts">
      <dt>状态</dt><dd id="project-status">${esc(nameOf(STATUSES, p.status))}</dd>
      <dt>领域</dt><dd>${esc(nameOf(SECTORS, p.sector))}</dd>
      <dt>合作平台</dt><dd>${esc(nameOf(PLATFORMS, p.platform))}</dd>
      <dt>牵头单位</dt><dd>${esc((p.leadUnits || []).join('、') || null)}</dd>
      <dt>总投资（亿元）</dt><dd>${esc(p.totalInvestmentYi)}</dd>
      <dt>累计完成（亿元）</dt><dd id="project-invested">${esc(p.investedToDateYi)}</dd>
      <dt>开工日期</dt><dd>${esc(p.startedOn)}</dd><dt>竣工日期</dt><dd>${esc(p.completedOn)}</dd>
    </dl>
    ${table('年度计划', ['年度', '计划投资（亿元）'], (p.annualPlans || []).map(a => [esc(a.year), esc(yi(a.amountYuan))]), 'plans')}
    <section class="card"><h3>月度完成投资（亿元）</h3>
      <div class="chart" id="investment-chart" role="img" aria-label="项目各月完成投资图"></div></section>
    ${table('里程碑', ['里程碑', '达成日期', '备注'], (p.milestones || []).map(m => [esc(m.name), esc(m.reachedOn), esc(m.note)]), 'milestones')}
    ${table('事件时间线', ['序号', '时间', '操作人', '事件'], timeline.items.map(e => [esc(e.sequence), esc(when(e.time)),
      esc(e.principal), esc(e.type.replace(/^shuangcheng\.project\./, '').replace(/\.v\d+$/, ''))]), 'timeline')}`;
  const months = p.investments || [];
  chart(page.querySelector('#investment-chart'), {
    tooltip: {trigger: 'axis'},
    grid: {left: 50, right: 20, top: 20, bottom: 30},
    xAxis: {type: 'category', data: months.map(m => m.period)},
    yAxis: {type: 'value', name: '亿元'},
    series: [{name: '完成投资', type: 'bar', data: months.map(m => Number(yi(m.amountYuan)))}]
  });
}
