// Small helpers that build the pages' markup safely (text is escaped) and their shared parts.
import {download, XLSX} from './api.js';

export function esc(value) {
  return String(value ?? '—').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

/** 亿元 with two decimals from integer yuan (the API's ...Yi strings are used where it gives them). */
export function yi(yuan) {
  return (Number(yuan) / 1e8).toFixed(2);
}

export function percent(rate) {
  return rate == null ? '—' : (Number(rate) * 100).toFixed(1) + '%';
}

export function table(caption, headers, rows, id) {
  // focusable and named: a keyboard user can scroll a wide table on a phone (axe: scrollable-region-focusable)
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(caption)}"><table id="${id}"><caption>${esc(caption)}</caption>
    <thead><tr>${headers.map(h => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
    <tbody>${rows.map(r => `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

/** CSV and xlsx buttons for a report endpoint: its own answers, downloaded with the user's token. */
export function exportButtons(path, baseName) {
  return `<div class="exports" data-export="${esc(path)}" data-name="${esc(baseName)}">
    <button type="button" data-format="csv">导出 CSV</button>
    <button type="button" data-format="xlsx">导出 Excel</button></div>`;
}

export function wireExports(root) {
  root.querySelectorAll('.exports').forEach(box => box.addEventListener('click', event => {
    const format = event.target.dataset.format;
    if (!format) {
      return;
    }
    download(box.dataset.export, format === 'csv' ? 'text/csv' : XLSX, box.dataset.name + '.' + format)
      .catch(error => alert(error.message));
  }));
}

export function chart(element, option) {
  const instance = echarts.init(element, null, {renderer: 'svg'});
  instance.setOption(Object.assign({animation: false}, option));
  addEventListener('resize', () => instance.resize());
  return instance;
}

export function options(table, selected, emptyLabel) {
  return `<option value="">${esc(emptyLabel)}</option>` + Object.entries(table)
    .map(([code, name]) => `<option value="${code}"${code === selected ? ' selected' : ''}>${esc(name)}</option>`).join('');
}
