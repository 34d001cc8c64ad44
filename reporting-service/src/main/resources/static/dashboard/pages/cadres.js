// The cadre exchange per batch and direction. The report holds counts only: no cadre's name or other personal data
// reaches this page (names need cadres:pii and live in cadre-service, which the dashboard does not call).
import {json} from '../api.js';
import {DIRECTIONS, nameOf} from '../names.js';
import {esc, exportButtons, table, wireExports} from '../view.js';

export async function showCadres(page) {
  const rows = await json('/api/v1/reports/cadre-exchange');
  page.innerHTML = `
    <h2>干部互派交流</h2>
    <p>按批次和派出方向统计；本页只显示人数，不含个人信息。</p>
    ${table('干部交流统计', ['批次', '方向', '派出', '在岗', '期满', '提前结束', '工作成效', '关联项目'], rows.map(r => [
      esc(r.batchNumber == null ? '未编批' : `第 ${r.batchNumber} 批`), esc(nameOf(DIRECTIONS, r.direction)), esc(r.dispatched),
      esc(r.onPost), esc(r.completed), esc(r.endedEarly), esc(r.contributions), esc(r.linkedProjects)]), 'cadre-exchange')}
    ${exportButtons('/api/v1/reports/cadre-exchange', 'cadre-exchange')}`;
  wireExports(page);
}
