// The three lists (policy needs, agreed matters, work results): the figures per list and status, then the items,
// the overdue ones first.
import {json} from '../api.js';
import {AGENDA_LISTS, AGENDA_STATUSES, nameOf} from '../names.js';
import {esc, exportButtons, table, wireExports} from '../view.js';

export async function showAgenda(page) {
  const [report, items] = await Promise.all([json('/api/v1/reports/agenda'), json('/api/v1/agenda-items?size=500')]);
  const ordered = [...items.items].sort((a, b) => Number(b.overdue) - Number(a.overdue)
    || String(a.dueOn ?? '9999').localeCompare(String(b.dueOn ?? '9999')));
  page.innerHTML = `
    <h2>三张清单（截至 ${esc(report.asOf)}）</h2>
    ${table('各清单事项状态', ['清单', '未启动', '推进中', '已完成', '已核验', '已撤销', '逾期'], report.lists.map(l => [
      esc(nameOf(AGENDA_LISTS, l.list)), esc(l.open), esc(l.inProgress), esc(l.delivered), esc(l.verified), esc(l.dropped),
      `<strong class="${l.overdue > 0 ? 'overdue' : ''}">${esc(l.overdue)}</strong>`]), 'agenda-figures')}
    ${exportButtons('/api/v1/reports/agenda', 'agenda')}
    ${table('事项（逾期在前）', ['清单', '事项', '责任单位', '完成时限', '状态'], ordered.map(i => [
      esc(nameOf(AGENDA_LISTS, i.list)), esc(i.title), esc((i.ownerUnits || []).join('、')), esc(i.dueOn),
      i.overdue ? `<span class="overdue">逾期 · ${esc(nameOf(AGENDA_STATUSES, i.status))}</span>`
        : esc(nameOf(AGENDA_STATUSES, i.status))]), 'agenda-items')}`;
  wireExports(page);
}
