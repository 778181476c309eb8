package quote

import "strings"

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		m[w] = true
	}
	return m
}

// cues are reporting verbs of speech and, as PolNeAR counts them too,
// of thought and belief, in their inflected forms.
var cues = set(`say,says,said,saying,tell,tells,told,telling,add,adds,added,note,notes,noted,stress,stresses,stressed,
argue,argues,argued,claim,claims,claimed,warn,warns,warned,insist,insists,insisted,explain,explains,explained,announce,announces,announced,declare,declares,declared,deny,denies,denied,acknowledge,acknowledges,acknowledged,
ask,asks,asked,asking,show,shows,showed,shown,found,finds,describe,describes,described,
admit,admits,admitted,assert,asserts,asserted,contend,contends,contended,suggest,suggests,suggested,write,writes,wrote,
tweet,tweets,tweeted,report,reports,reported,confirm,confirms,confirmed,predict,predicts,predicted,promise,promises,
promised,vow,vows,vowed,pledge,pledges,pledged,urge,urges,urged,emphasize,emphasizes,emphasized,emphasise,emphasises,
emphasised,repeat,repeats,repeated,recall,recalls,recalled,reply,replies,replied,respond,responds,responded,answer,
answered,allege,alleges,alleged,maintain,maintains,maintained,observe,observes,observed,pointed,believe,believes,
believed,think,thinks,thought,feel,feels,felt,hope,hopes,hoped,fear,fears,feared,worry,worries,worried,doubt,doubts,
doubted,expect,expects,expected,estimate,estimates,estimated,conclude,concludes,concluded,concede,concedes,conceded,
agree,agrees,agreed,quipped,joked,mention,mentions,mentioned,reveal,reveals,revealed,indicate,indicates,indicated,
testify,testifies,testified,boast,boasts,boasted,complain,complains,complained,accuse,accuses,accused,charge,charges,
charged,remark,remarks,remarked,shouted,recommend,recommends,recommended,demand,demands,demanded,propose,proposes,
proposed,proclaim,proclaimed,reiterate,reiterates,reiterated,remind,reminds,reminded,signal,signals,signaled,signalled,
wonder,wonders,wondered,speculate,speculated,caution,cautions,cautioned,blast,blasts,blasted,slam,slams,slammed,
praise,praises,praised,criticize,criticizes,criticized,criticise,criticised,dismiss,dismisses,dismissed,
insisting,arguing,claiming,warning,noting,adding,stressing,explaining,asserting,writes,posted,vowing,declaring,stated`)

func isCue(w string) bool { return cues[w] }

// tellCues take a listener before the reported clause: "told reporters that".
var tellCues = set(`tell,tells,told,telling,remind,reminds,reminded,warn,warns,warned,assure,assured,urge,urged`)

var auxiliaries = set(`has,have,had,would,will,also,then,later,previously,once,again,repeatedly,publicly,privately,
recently,reportedly,is,was,were,are,be,been,did,does,do,not,never,could,might,may,should,must,can,still,even,quickly,
just,often,has,already,long`)

// clauseWords end a speaker phrase when read backwards from the cue.
var clauseWords = set(`that,and,but,or,because,while,when,as,if,which,who,whom,where,after,before,since,though,although,
than,so,yet,whether`)

var pronouns = set(`he,she,they,we,i,it,you`)

var determiners = set(`the,a,an,his,her,their,its,our,this,that,these,those,some,many,most,several,two,three,four,five,
both,other,another,one,few,no,every,each,all,such`)

// groupNouns can speak without a determiner: "officials said".
var groupNouns = set(`officials,analysts,critics,experts,sources,witnesses,residents,diplomats,aides,advisers,advisors,
supporters,opponents,democrats,republicans,activists,observers,economists,lawmakers,investigators,prosecutors,police,
scientists,researchers,polls,reports,documents,studies,surveys,voters,people,americans,officers,protesters,leaders,
percent,majority,half,third,quarter,respondents,poll,survey,study,report,data,figures,numbers`)

// nonSpeakers are capitalised words that do not make a phrase a speaker.
var nonSpeakers = set(`monday,tuesday,wednesday,thursday,friday,saturday,sunday,january,february,march,april,june,july,
august,september,october,november,december,i,it`)
