package demo

import "strings"

// The pools below are for place and company names as they are formed on the
// Huang–Huai plain: a family name or a feature plus 庄, 寨, 店, 楼…

var surnames = strings.Fields(`王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯
	于 董 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭
	邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 万 段 雷 钱 汤 尹 常 武 乔 贺 付 闫 牛 翟 齐 岳 耿 申 祁
	柴 葛 皮 闾 桂 詹 鲁 储`)

// features are first characters of names not taken from a family.
var features = strings.Fields(`大 小 新 老 东 西 南 北 高 双 三 五 七 八 铜 金 石 马 龙 凤 柳 杨 桃 槐 兰 清 青 永
	安 兴 和 平 长 慎 宁 汝 洪 淮 沙 玉 泉 油 陡 黄 红 白 苇 桑 枣`)

// villageEnds end village names; repeated ends are more common.
var villageEnds = strings.Fields(`庄 庄 庄 庄 寨 寨 寨 楼 楼 营 店 店 湾 岗 岗 桥 集 园 洼 堂 庙 沟 河 台 铺 坡 湖 林 圩 孜 围孜 冲 塘 屯`)

var villagePrefixes = strings.Fields(`大 小 东 西 南 北 前 后 新 老 上 下 中`)

// townEnds end the stem of a township name.
var townEnds = strings.Fields(`店 寨 集 桥 庄 楼 营 岗 铺 湖 河 埠 港 坡 庙 冲 林 山 泉 水 阳 兴 安 平 丰 城 沟 钟 湾 台 陵`)

var subdistrictStems = strings.Fields(`东城 西城 南城 北城 新城 清源 新华 人民 顺河 解放 建设 文化 龙湖 汝宁 古城 雪松 橡林 金桥
	花园 滨河 红旗 中山 和平 朝阳 向阳 书香 东湖 南湖 车站 老街 新区 府前 兴业 天中`)

var urbanCommunities = strings.Fields(`城关 东关 西关 南关 北关 解放路 人民路 建设路 文化路 育才 花园 滨河 和平 新华 幸福 光明
	迎宾 龙湖 顺河 中心街 东方红 朝阳 向阳 胜利 工业路 车站 府前 南湖 北湖 清源 金桥 汝河 春晖 康宁 锦华 盛世 书香
	阳光 紫薇 桂花 梧桐 翠竹 兴隆 永安 长安 新村 宏达 金水 蓝天 翰林 雪松 橡林 花山 凤鸣 玉泉 天中 民主街 健康路
	文明路 交通路 团结 振兴 吉祥 丰收 友谊 红星 华夏 锦绣 安居 富民 育英 青年路`)

var directions = strings.Fields(`东 西 南 北`)

var communitySocials = strings.Fields(`老年人协会 志愿者协会 文体协会 书画协会 邻里互助协会 居家养老服务中心 家风文化促进会 舞蹈协会
	调解志愿服务队 青少年服务中心`)

// tradeMarks are combined in pairs into the 字号 of a company.
var tradeMarks = strings.Fields(`鑫 华 丰 盛 源 达 泰 宏 福 瑞 祥 润 康 禾 乐 嘉 恒 信 诚 佳 益 美 天 博 创 远 春 星 邦 豫
	和 兴 旺 顺 茂 田 谷 麦 金 绿 誉 硕 凯 汇 亿 隆 昌 德 仁 安 宇 辉 晨 鼎 卓 俊 万 通 欣 悦 锦 耀 龙 翔 正 方 圆 农 惠`)

// trades are lines of business, weighted toward a grain and peanut county.
var trades = strings.Fields(`农业科技 农业科技 农业科技 农业发展 农业发展 食品 食品 食品 花生制品 面业 粮油 粮油 畜牧 牧业 生态养殖
	饲料 种业 果蔬 电子商务 电子商务 电子商务 商贸 商贸 物流 建材 新型建材 建筑工程 建筑劳务 服装 纺织 制衣 鞋业 电子科技
	机械制造 汽车配件 新能源 光伏科技 生物科技 医药 包装 家具 木业 钢结构 再生资源 塑业 印务 酒业 文化传媒 网络科技
	环保科技 置业 物业服务 餐饮管理 旅游开发 家政服务 人力资源服务`)

var companyForms = []string{"有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"}

var cooperatives = strings.Fields(`种植专业合作社 养殖专业合作社 农机专业合作社 花生种植专业合作社 果蔬种植专业合作社 食用菌专业合作社`)

// villageName draws a village name such as 大王庄村 or 石桥村.
func villageName(b *builder) string {
	var s strings.Builder
	if b.chance(25) {
		s.WriteString(of(b, villagePrefixes))
	}
	if b.chance(80) {
		s.WriteString(of(b, surnames))
	} else {
		s.WriteString(of(b, features))
	}
	s.WriteString(of(b, villageEnds))
	s.WriteString("村")
	return s.String()
}

// townStem draws the stem of a township name such as 铜钟 or 李寨.
func townStem(b *builder) string {
	if b.chance(55) {
		return of(b, surnames) + of(b, townEnds)
	}
	first, end := of(b, features), of(b, townEnds)
	if first == end {
		return first + "集"
	}
	return first + end
}

// urbanCommunity draws the name of a community in a county town.
func urbanCommunity(b *builder) string {
	name := of(b, urbanCommunities)
	if b.chance(25) {
		name += of(b, directions)
	}
	return name + "社区"
}

// tradeMark draws a two-character 字号 such as 鑫丰.
func tradeMark(b *builder) string {
	a := b.rng.IntN(len(tradeMarks))
	c := (a + 1 + b.rng.IntN(len(tradeMarks)-1)) % len(tradeMarks)
	return tradeMarks[a] + tradeMarks[c]
}

// companyName draws a private enterprise name registered in the county
// (county is 正阳县, stem 正阳): 正阳县鑫丰农业科技有限公司, 河南瑞禾食品有限公司,
// 正阳县丰源花生种植专业合作社.
func companyName(b *builder, county, stem string) string {
	mark := tradeMark(b)
	if b.chance(8) {
		return county + mark + of(b, cooperatives)
	}
	var place string
	switch r := b.rng.IntN(100); {
	case r < 55:
		place = county
	case r < 85:
		place = "河南"
	default:
		place = stem
	}
	return place + mark + of(b, trades) + of(b, companyForms)
}
