package demo

// The demo's Chinese names, beside the English ones in data.go: the portal
// shows them to a reader in Chinese. Looked up by code or SKU; a record
// without one keeps its name in either language.

var channelNamesZh = map[string]string{
	"RETAIL": "零售",
	"KEY":    "大客户",
	"ECOM":   "电商",
}

var territoryNamesZh = map[string]string{
	"NC-BTH": "京津冀",
	"NE-LJ":  "辽宁与吉林",
	"EC-YRD": "长三角",
	"EC-SD":  "山东",
	"SC-PRD": "珠三角",
	"CC-HH":  "湖北与湖南",
	"SW-CC":  "成渝",
	"NW-SG":  "陕西与甘肃",
}

var categoryNamesZh = map[string]string{
	"Drills & Drivers":     "电钻与起子",
	"Saws":                 "电锯",
	"Grinders & Sanders":   "角磨与砂光",
	"Batteries & Chargers": "电池与充电器",
	"Outdoor Power":        "户外动力",
	"Accessories":          "配件",
}

var productNamesZh = map[string]string{
	"DR-1801": "18V 无刷电钻起子机",
	"DR-1802": "18V 无刷冲击起子机",
	"DR-1803": "18V 冲击电钻",
	"DR-1804": "18V 冲击扳手 1/2\"",
	"DR-1201": "12V 紧凑型电钻起子机",
	"DR-1202": "12V 充电式螺丝刀",
	"DR-2601": "800W SDS-plus 电锤 26mm",
	"DR-1600": "1600W 搅拌机",
	"SW-1801": "18V 圆锯 165mm",
	"SW-1802": "18V 曲线锯",
	"SW-1803": "18V 往复锯",
	"SW-1804": "18V 轨道锯 165mm",
	"SW-2501": "255mm 推拉式斜切锯",
	"SW-2502": "255mm 台锯",
	"GS-1801": "18V 角磨机 125mm",
	"GS-1000": "1000W 角磨机 100mm",
	"GS-2200": "2200W 角磨机 230mm",
	"GS-1802": "18V 偏心砂光机 125mm",
	"GS-0900": "900W 带式砂光机 76mm",
	"GS-1803": "18V 三角砂光机",
	"GS-1804": "18V 电刨 82mm",
	"BC-1820": "18V 2.0Ah 电池",
	"BC-1840": "18V 4.0Ah 电池",
	"BC-1850": "18V 5.0Ah 电池",
	"BC-1880": "18V 8.0Ah 高输出电池",
	"BC-1801": "18V 快速充电器",
	"BC-1802": "18V 双口充电器",
	"BC-1899": "18V 入门套装（2 块 4.0Ah 电池 + 快速充电器）",
	"OP-3601": "36V 割草机 40cm",
	"OP-1801": "18V 绿篱机 55cm",
	"OP-1802": "18V 打草机",
	"OP-1803": "18V 吹叶机",
	"OP-3602": "36V 链锯 35cm",
	"OP-2000": "2000W 高压清洗机 130 bar",
	"AC-0110": "高速钢钻头套装，10 件",
	"AC-0132": "螺丝批头套装，32 件",
	"AC-0125": "切割片 125mm，25 片",
	"AC-0150": "砂纸片 125mm 混合装，50 片",
	"AC-0200": "工具包 20\"",
	"AC-0300": "可叠放工具箱，大号",
}

// zh is the Chinese name for a key of names, or nil when there is none.
func zh(names map[string]string, key string) *string {
	if v, ok := names[key]; ok {
		return &v
	}
	return nil
}
