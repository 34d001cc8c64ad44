package cn.shuangcheng.projects.cooperation.api;

/** The seven categories of the official joint project lists. */
public enum Sector {
    /** 现代基础设施 */ INFRASTRUCTURE,
    /** 现代产业 */ MODERN_INDUSTRY,
    /** 科技创新 */ SCIENCE_TECH,
    /** 文化旅游 */ CULTURE_TOURISM,
    /** 生态环保 */ ECOLOGY,
    /** 对外开放/改革开放 */ OPENING_UP,
    /** 公共服务 */ PUBLIC_SERVICE
}
