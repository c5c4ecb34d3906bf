import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{a as i,c as a,i as o,l as s,n as c,o as l,t as u,u as ee}from"./usePageTitle-CNuGqkbR.js";import{_ as d,g as f,h as p,m}from"./index-BQF-CtQ0.js";var h=e(t(),1),g=n(),_=l(`
  query QuotaGrid($from: Period!, $to: Period!, $year: Period!, $where: DealerWhereInput, $channelID: ID) {
    channels(first: 50) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }, where: $where) {
      edges {
        node {
          id
          code
          name
          quotaProgress(period: $year) {
            period
            quota
            netSales
            completion
          }
        }
      }
    }
    quotas(from: $from, to: $to, channelID: $channelID) {
      id
      dealerID
      month
      amount
    }
  }
`),v=l(`
  mutation SetQuotas($input: [QuotaInput!]!) {
    setQuotas(input: $input) {
      id
      dealerID
      month
      amount
    }
  }
`),y=l(`
  mutation ImportQuotas($csv: String!) {
    importQuotas(csv: $csv) {
      written
    }
  }
`),b=l(`
  query QuotasCSV($from: Period!, $to: Period!, $channelID: ID) {
    quotasCSV(from: $from, to: $to, channelID: $channelID)
  }
`);function x(e){let t=e?.graphQLErrors[0]?.extensions?.rows;return Array.isArray(t)?t.flatMap(e=>e&&typeof e==`object`&&typeof e.line==`number`?[{line:e.line,field:String(e.field??``),message:String(e.message??``)}]:[]):[]}var S=Array.from({length:12},(e,t)=>String(t+1).padStart(2,`0`)),C=/^\d+(\.\d{1,2})?$/,te=524288,ne={"dealer code":`dealerCode`,month:`month`,amount:`amount`,row:`row`},w=(e,t)=>`${e}|${t}`;function re(e){let[t,n=``]=e.split(`.`);return Number(t)*100+Number((n+`00`).slice(0,2))}function T(e){return`${Math.floor(e/100)}.${String(e%100).padStart(2,`0`)}`}function E(){let{t:e,i18n:t}=r();u(e(`quotas.title`));let n=(0,h.useId)(),l=(0,h.useId)(),E=(0,h.useId)(),D=a(),[{data:O}]=d(),[k,A]=(0,h.useState)(()=>new Date().getFullYear()),[j,M]=(0,h.useState)(``),[N,P]=(0,h.useState)({}),[ie,F]=(0,h.useState)({}),[I,L]=(0,h.useState)(``),[R,z]=(0,h.useState)(``),[B,V]=(0,h.useState)([]),[H,U]=(0,h.useState)(``),W=(0,h.useRef)(null),G=`${k}-01`,K=`${k}-12`,[{data:q,error:J,fetching:ae},oe]=ee({query:_,variables:{from:G,to:K,year:String(k),where:j?{channelID:j}:null,channelID:j||null},pause:O?.me.role===`DEALER`}),[se,ce]=s(v),[le,ue]=s(y),Y=()=>oe({requestPolicy:`network-only`});if(O?.me.role===`DEALER`)return(0,g.jsxs)(`section`,{children:[(0,g.jsx)(`h1`,{children:e(`quotas.title`)}),(0,g.jsx)(m,{children:e(`quotas.staffOnly`)})]});let X={};for(let e of q?.quotas??[])X[w(e.dealerID,e.month)]=e.amount;let Z=(q?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Q=(q?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),$=Object.keys(N),de=new Intl.NumberFormat(t.language,{style:`percent`,maximumFractionDigits:1}),fe=(e,t)=>{L(``),F(t=>{let{[e]:n,...r}=t;return r}),P(n=>{if(t===(X[e]??``)){let{[e]:t,...r}=n;return r}return{...n,[e]:t}})},pe=async()=>{let t=Object.keys(N),n={};for(let r of t)C.test(N[r].trim())||(n[r]=e(`quotas.badAmount`));if(Object.keys(n).length){F(n);return}let r=t.map(e=>{let[t,n]=e.split(`|`);return{dealerID:t,month:n,amount:N[e].trim()}}),a=await ce({input:r});if(a.error){let n={};for(let r of o(a.error)){let i=/^input\[(\d+)\]/.exec(r.field),a=i?t[Number(i[1])]:void 0;a&&(n[a]=c(e,r,`quotas.refused`))}Object.keys(n).length||(n[t[0]]=i(e,a.error,`quotas.refused`)),F(n)}else P({}),F({}),L(e(`quotas.saved`,{count:t.length})),Y()},me=async()=>{let e=await D.query(b,{from:G,to:K,channelID:j||null},{requestPolicy:`network-only`}).toPromise();if(!e.data)return;let t=URL.createObjectURL(new Blob([e.data.quotasCSV],{type:`text/csv;charset=utf-8`})),n=document.createElement(`a`);n.href=t,n.download=`quotas-${k}.csv`,document.body.appendChild(n),n.click(),n.remove(),URL.revokeObjectURL(t)},he=async t=>{if(z(``),V([]),U(``),!t)return;if(t.size>te){U(e(`quotas.import.tooLarge`));return}let n=await ue({csv:await t.text()});if(W.current&&(W.current.value=``),n.error){let t=x(n.error);t.length?V(t):U(i(e,n.error,`quotas.refused`))}else z(e(`quotas.import.done`,{count:n.data?.importQuotas.written??0})),Y()};return(0,g.jsxs)(`section`,{"aria-labelledby":`quotas-title`,children:[(0,g.jsx)(`h1`,{id:`quotas-title`,children:e(`quotas.title`)}),(0,g.jsx)(`p`,{className:`lead`,children:e(`quotas.intro`)}),(0,g.jsxs)(`div`,{className:`filter quota-filter`,children:[(0,g.jsx)(`label`,{htmlFor:n,children:e(`quotas.year`)}),(0,g.jsx)(`select`,{id:n,value:k,onChange:e=>A(Number(e.target.value)),disabled:$.length>0,children:[-2,-1,0,1].map(e=>{let t=new Date().getFullYear()+e;return(0,g.jsx)(`option`,{value:t,children:t},t)})}),(0,g.jsx)(`label`,{htmlFor:l,children:e(`quotas.channel`)}),(0,g.jsxs)(`select`,{id:l,value:j,onChange:e=>M(e.target.value),disabled:$.length>0,children:[(0,g.jsx)(`option`,{value:``,children:e(`quotas.allChannels`)}),Q.map(e=>(0,g.jsx)(`option`,{value:e.id,children:e.name},e.id))]})]}),ae&&!q?(0,g.jsx)(f,{}):J&&!q?(0,g.jsx)(p,{error:J,onRetry:Y}):Z.length===0?(0,g.jsx)(m,{children:e(`quotas.empty`)}):(0,g.jsxs)(g.Fragment,{children:[(0,g.jsx)(`div`,{className:`quota-scroll`,role:`region`,"aria-label":e(`quotas.gridLabel`,{year:k}),tabIndex:0,children:(0,g.jsxs)(`table`,{className:`quota-grid`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`quotas.dealer`)}),S.map(t=>(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.month.${t}`)},t)),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.total`)}),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.completion`)})]})}),(0,g.jsx)(`tbody`,{children:Z.map(t=>{let n=0;for(let e of S){let r=w(t.id,`${k}-${e}`),i=N[r]??X[r]??``;C.test(i.trim())&&(n+=re(i.trim()))}let r=t.quotaProgress.completion;return(0,g.jsxs)(`tr`,{"data-dealer":t.code,children:[(0,g.jsxs)(`th`,{scope:`row`,children:[(0,g.jsx)(`span`,{className:`mono`,children:t.code}),` `,(0,g.jsx)(`span`,{className:`quota-dealer-name`,children:t.name})]}),S.map(n=>{let r=`${k}-${n}`,i=w(t.id,r),a=ie[i];return(0,g.jsxs)(`td`,{className:a?`quota-cell quota-cell-bad`:N[i]===void 0?`quota-cell`:`quota-cell quota-cell-edited`,children:[(0,g.jsx)(`input`,{inputMode:`decimal`,"aria-label":e(`quotas.cellLabel`,{dealer:t.code,month:r}),"aria-invalid":a?!0:void 0,title:a,"data-month":r,value:N[i]??X[i]??``,placeholder:`0.00`,onChange:e=>fe(i,e.target.value)}),a&&(0,g.jsx)(`span`,{className:`quota-cell-error`,role:`alert`,children:a})]},n)}),(0,g.jsx)(`td`,{className:`num money`,children:T(n)}),(0,g.jsx)(`td`,{className:`num`,title:e(`quotas.netSales`,{amount:t.quotaProgress.netSales}),children:r==null?`—`:de.format(r)})]},t.id)})})]})}),(0,g.jsxs)(`div`,{className:`quota-actions`,children:[(0,g.jsx)(`button`,{type:`button`,className:`button button-primary`,disabled:!$.length||se.fetching,onClick:pe,children:e(`quotas.save`,{count:$.length})}),(0,g.jsx)(`button`,{type:`button`,className:`button button-quiet`,disabled:!$.length,onClick:()=>(P({}),F({})),children:e(`quotas.discard`)}),I&&(0,g.jsx)(`span`,{role:`status`,className:`quota-saved`,children:I})]})]}),(0,g.jsx)(`h2`,{children:e(`quotas.csvTitle`)}),(0,g.jsx)(`p`,{className:`muted`,children:e(`quotas.csvIntro`)}),(0,g.jsxs)(`div`,{className:`quota-actions`,children:[(0,g.jsx)(`button`,{type:`button`,className:`button`,onClick:me,children:e(`quotas.export`,{year:k})}),(0,g.jsx)(`label`,{htmlFor:E,className:`button`,children:e(`quotas.import.choose`)}),(0,g.jsx)(`input`,{id:E,ref:W,type:`file`,accept:`.csv,text/csv`,className:`visually-hidden`,disabled:le.fetching,onChange:e=>he(e.target.files?.[0])})]}),R&&(0,g.jsx)(`p`,{role:`status`,className:`notice quota-import-done`,children:R}),H&&(0,g.jsx)(`p`,{role:`alert`,className:`state state-error`,children:H}),B.length>0&&(0,g.jsxs)(`div`,{role:`alert`,className:`state state-error quota-import-rows`,children:[(0,g.jsx)(`p`,{className:`state-title`,children:e(`quotas.import.refused`,{count:B.length})}),(0,g.jsx)(`ul`,{children:B.map((t,n)=>(0,g.jsxs)(`li`,{"data-line":t.line,children:[e(`quotas.import.row`,{line:t.line,field:e(`quotas.column.${ne[t.field]??`row`}`)}),` `,t.message]},n))})]})]})}export{y as ImportQuotasMutation,_ as QuotaGridQuery,E as Quotas,b as QuotasCSVQuery,v as SetQuotasMutation,x as rowProblemsOf};