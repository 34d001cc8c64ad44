// Chinese names of the API's codes (the read model's RowNames and docs/api-guide.md).
export const SECTORS = {
  INFRASTRUCTURE: '现代基础设施', MODERN_INDUSTRY: '现代产业', SCIENCE_TECH: '科技创新', CULTURE_TOURISM: '文化旅游',
  ECOLOGY: '生态环保', OPENING_UP: '对外开放', PUBLIC_SERVICE: '公共服务'
};
export const PLATFORMS = {
  GAOZHU: '川渝高竹新区', SUITONG: '遂潼川渝毗邻地区一体化发展先行区', WANDAKAI: '万达开川渝统筹发展示范区',
  MINGYUESHAN: '明月山绿色发展示范带', CHENGXUANWAN: '城宣万革命老区振兴发展示范区', HEGUANGCHANG: '合广长协同发展示范区',
  ZIDA: '资大文旅融合发展示范区', NEIRONG: '内江荣昌现代农业高新技术产业示范区', LUYONGJIANG: '泸永江融合发展示范区',
  CHUANNAN_YUXI: '川南渝西融合发展试验区'
};
export const STATUSES = {
  PROPOSED: '已申报', APPROVED: '已批准', STARTED: '已开工', COMPLETED: '已竣工', SUSPENDED: '已暂停', CANCELLED: '已取消'
};
export const AGENDA_LISTS = {POLICY_NEED: '政策需求', AGREED_MATTER: '议定事项', WORK_RESULT: '工作成果'};
export const AGENDA_STATUSES = {OPEN: '未启动', IN_PROGRESS: '推进中', DELIVERED: '已完成', VERIFIED: '已核验', DROPPED: '已撤销'};
export const DIRECTIONS = {SICHUAN_TO_CHONGQING: '四川→重庆', CHONGQING_TO_SICHUAN: '重庆→四川'};

export function nameOf(table, code) {
  return code == null ? '—' : (table[code] || code);
}
