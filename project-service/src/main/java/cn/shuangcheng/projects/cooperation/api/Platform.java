package cn.shuangcheng.projects.cooperation.api;

/** The ten Sichuan–Chongqing cooperation platforms. */
public enum Platform {
    /** 川渝高竹新区 */ GAOZHU,
    /** 遂潼川渝毗邻地区一体化发展先行区 */ SUITONG,
    /** 万达开川渝统筹发展示范区 */ WANDAKAI,
    /** 明月山绿色发展示范带 */ MINGYUESHAN,
    /** 城宣万革命老区振兴发展示范区 */ CHENGXUANWAN,
    /** 合广长协同发展示范区 */ HEGUANGCHANG,
    /** 资大文旅融合发展示范区 */ ZIDA,
    /** 内荣现代农业高新技术产业示范区 */ NEIRONG,
    /** 泸永江融合发展示范区 */ LUYONGJIANG,
    /** 川南渝西融合发展试验区 */ CHUANNAN_YUXI
}
